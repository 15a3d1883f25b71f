import { boot } from "./loader";

void boot(window, document, document.currentScript);
