import { applyTexts, toggleLanguage } from './i18n.js';

applyTexts();
document.getElementById('lang').addEventListener('click', toggleLanguage);
