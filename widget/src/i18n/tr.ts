import type { LauncherText, PanelText } from "./types";

export const launcher: LauncherText = {
  open: "Sohbeti aç",
  unread: (n) => `Sohbet — ${n} okunmamış yanıt`,
};

export const panel: PanelText = {
  sources: "Kaynaklar:",
  close: "Sohbeti kapat",
  newChat: "Yeni sohbet",
  confirmNew: "Yeni bir sohbet başlatılsın mı? Bu sohbet bu cihazdan silinecek.",
  confirmYes: "Yeni sohbet başlat",
  confirmNo: "Vazgeç",
  log: "Mesajlar",
  label: "Mesaj",
  placeholder: "Bir mesaj yazın…",
  send: "Gönder",
  you: "Siz",
  sending: "Gönderiliyor…",
  notSent: "Gönderilemedi.",
  retry: "Tekrar dene",
  typing: (name) => `${name} yazıyor…`,
  connecting: "Bağlanıyor…",
  reconnecting: "Yeniden bağlanıyor…",
  notHere: "Bu sohbet bu sitede kullanılamıyor.",
  unavailable: "Bu asistan şu anda kullanılamıyor.",
  paused: "Bu asistan duraklatıldı ve şu anda mesaj almıyor.",
  offline: "Sohbet şu anda kullanılamıyor.",
  count: (n, max) => `${n} / ${max} karakter`,
  tooLong: (n, max) => `${n} / ${max} karakter — ${n - max} karakter fazla`,
  chatsLimited: (wait) => `Ağınızdan çok fazla sohbet başlatıldı — ${wait ? `${wait} sonra` : "birazdan"} yeniden denenecek.`,
  sendLimited: (wait) => `Çok hızlı mesaj gönderiyorsunuz — ${wait ? `${wait} sonra` : "birazdan"} tekrar deneyin`,
  maxLength: (max) => `Mesajlar en fazla ${max} karakter olabilir.`,
  empty: "Mesaj boş.",
  timeout: "Gönderilemedi — bağlantınızı kontrol edin.",
  error: "Bir sorun oluştu — lütfen tekrar deneyin.",
  replyFailed: "Üzgünüm, şu anda yanıt veremedim. Lütfen birazdan tekrar deneyin.",
};
