// Keys are checked at compile time against the English catalogue (type only:
// the JSON is not bundled by this import).
import "i18next";
import type en from "./locales/en.json";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
    returnNull: false;
  }
}
