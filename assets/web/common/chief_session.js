// The chief's pages (reports, admin): one frame and login form, the token
// kept for the tab in sessionStorage under `key`, dropped when the station
// refuses it.
import { api, ApiError } from '/common/api.js';
import { t } from '/common/i18n.js';

const $ = (id) => document.getElementById(id);

// The pages' shared frame, put in place around the page's own <header> and
// <main>: the language and logout links, the error band and the login form.
function mountFrame() {
  const header = document.querySelector('header.bar');
  header.insertAdjacentHTML(
    'beforeend',
    `<div class="right">
      <button id="lang" class="link" data-t="app.lang">English</button>
      <button id="logout" class="link hidden" data-t="login.logout">Đăng xuất</button>
    </div>`
  );
  header.insertAdjacentHTML(
    'afterend',
    `<div id="error" class="banner error hidden" role="alert"></div>
    <form id="login" class="login card" autocomplete="off">
      <p data-t="reports.login_needed">Cần đăng nhập bằng tài khoản lãnh đạo</p>
      <label><span data-t="login.username">Tên đăng nhập</span><input id="username" required></label>
      <label><span data-t="login.password">Mật khẩu</span><input id="password" type="password" required></label>
      <button class="primary" type="submit" data-t="login.submit">Đăng nhập</button>
      <p id="login-message" class="message error" role="alert"></p>
    </form>`
  );
}

export class ChiefSession {
  // onLogin() runs after a login and on a page load that still has a token;
  // onLogout() after the token is gone.
  constructor(key, { onLogin, onLogout }) {
    mountFrame();
    this.key = key;
    this.token = sessionStorage.getItem(key) || '';
    this.onLogin = onLogin;
    this.onLogout = onLogout;
    $('login').addEventListener('submit', (event) => {
      event.preventDefault();
      this.login();
    });
    $('logout').addEventListener('click', () => {
      api('POST', '/api/v1/auth/logout', { token: this.token }).catch(() => {});
      this.forget();
    });
  }

  async login() {
    $('login-message').textContent = '';
    try {
      const grant = await api('POST', '/api/v1/auth/login', {
        body: { username: $('username').value.trim(), password: $('password').value },
      });
      this.token = grant.token;
      sessionStorage.setItem(this.key, grant.token);
      $('password').value = '';
      await this.onLogin();
    } catch (e) {
      $('login-message').textContent = e.status === 0 ? t('error.unreachable') : t('login.failed', { message: e.message });
    }
  }

  // The login form, or `main` and the logout link: whether logged in.
  show(main) {
    const logged = !!this.token;
    $('login').classList.toggle('hidden', logged);
    main.classList.toggle('hidden', !logged);
    $('logout').classList.toggle('hidden', !logged);
    return logged;
  }

  forget() {
    this.token = '';
    sessionStorage.removeItem(this.key);
    this.onLogout();
  }

  // A refusal of the token (expired, logged out elsewhere) ends the session.
  check(e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) this.forget();
  }
}
