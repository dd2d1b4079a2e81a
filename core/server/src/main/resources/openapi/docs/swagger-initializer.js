// Swagger UI for the platform's merged document (the core's API plus every started plugin's), behind a login.
//
// The document at /api/v1/openapi.json needs a session, like every /api/v1 call except the login. So the page first
// asks for username and password (and the TOTP code of accounts that have one), keeps the session token in
// sessionStorage (this tab only; gone when it closes) and adds "Authorization: Bearer <token>" to every request
// Swagger UI makes, the document's own fetch included. A forced password change or TOTP setup is done here before
// the documentation shows, because until then the server answers 403 to everything else.
//
// A separate file rather than an inline script: the Content-Security-Policy allows this origin's script files only.
// Server messages are put on the page as text (textContent), never as HTML.
(function () {
  "use strict";

  var TOKEN_KEY = "zhenxing.docs.token";
  var API = "/api/v1";
  var SPEC = "/api/v1/openapi.json";
  var VIEWS = ["zx-login", "zx-password", "zx-totp-setup", "swagger-ui"];
  var FIELD_LABELS = {
    username: "用户名 / Username",
    password: "密码 / Password",
    totp: "动态口令 / TOTP code",
    code: "动态口令 / TOTP code",
    currentPassword: "当前密码 / Current password",
    newPassword: "新密码 / New password",
    body: "请求 / Request"
  };

  var checkingSession = false;

  // ------------------------------------------------------------------------------------------------ helpers

  function el(id) {
    return document.getElementById(id);
  }

  function token() {
    try {
      return window.sessionStorage.getItem(TOKEN_KEY);
    } catch (e) {
      return null;
    }
  }

  function setToken(value) {
    try {
      if (value) {
        window.sessionStorage.setItem(TOKEN_KEY, value);
      } else {
        window.sessionStorage.removeItem(TOKEN_KEY);
      }
    } catch (e) {
      // Storage disabled: the session lasts until the page is left.
    }
  }

  /** Calls the API with the session token; answers {status, body} (body parsed when JSON), never rejects. */
  function call(method, path, body) {
    var headers = { Accept: "application/json, application/problem+json" };
    var t = token();
    if (t) {
      headers.Authorization = "Bearer " + t;
    }
    var init = { method: method, headers: headers, credentials: "same-origin", cache: "no-store" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(API + path, init).then(function (response) {
      return response.text().then(function (text) {
        var parsed = null;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch (e) {
          parsed = null;
        }
        return { status: response.status, body: parsed };
      });
    }, function () {
      return { status: 0, body: null };
    });
  }

  function show(view) {
    VIEWS.forEach(function (id) {
      el(id).hidden = id !== view;
    });
    el("zx-bar").hidden = view === "zx-login";
  }

  /** Shows a message: a string, or a problem answer (its errors listed field by field). */
  function message(id, kind, text, problem) {
    var box = el(id);
    box.textContent = "";
    box.className = "zx-message" + (kind ? " zx-" + kind : "");
    if (!text && !problem) {
      return;
    }
    var lead = document.createElement("div");
    lead.textContent = text || problemText(problem);
    box.appendChild(lead);
    var errors = problem && Array.isArray(problem.errors) ? problem.errors : [];
    if (errors.length > 0) {
      var list = document.createElement("ul");
      errors.forEach(function (error) {
        var item = document.createElement("li");
        var field = error && error.field ? String(error.field) : "";
        item.textContent = (FIELD_LABELS[field] || field) + (field ? "：" : "") + (error && error.reason
          ? String(error.reason) : "");
        list.appendChild(item);
      });
      box.appendChild(list);
    }
  }

  function problemText(problem) {
    if (problem && Array.isArray(problem.errors) && problem.errors.length > 0 && problem.title) {
      return String(problem.title);
    }
    if (problem && problem.detail) {
      return String(problem.detail);
    }
    if (problem && problem.title) {
      return String(problem.title);
    }
    return "请求失败，请稍后再试 / The request failed; try again later";
  }

  function failure(id, answer) {
    if (answer.status === 0) {
      message(id, "error", "无法连接服务器 / Cannot reach the server");
    } else {
      message(id, "error", null, answer.body);
    }
  }

  function busy(form, on) {
    Array.prototype.forEach.call(form.querySelectorAll("button"), function (button) {
      button.disabled = on;
    });
  }

  function showUser(user) {
    if (!user) {
      return;
    }
    var name = user.displayName && user.displayName !== user.username
      ? user.displayName + "（" + user.username + "）" : String(user.username || "");
    el("zx-user").textContent = "已登录 / Logged in: " + name;
  }

  // ------------------------------------------------------------------------------------------------ flow

  function showLogin(kind, text) {
    show("zx-login");
    el("zx-login-password").value = "";
    el("zx-totp").value = "";
    message("zx-login-message", kind, text);
    (el("zx-username").value ? el("zx-login-password") : el("zx-username")).focus();
  }

  /** Where a session goes next: a password change, a TOTP setup, or the documentation. */
  function proceed(state) {
    var user = state.user || state;
    showUser(user);
    if (state.mustChangePassword) {
      el("zx-password-form").reset();
      el("zx-password-username").value = user.username || ""; // for password managers
      message("zx-password-message", null, null);
      show("zx-password");
      el("zx-current-password").focus();
    } else if (state.totpSetupRequired) {
      el("zx-totp-form").reset();
      el("zx-totp-secret").hidden = true;
      el("zx-totp-enable").hidden = true;
      message("zx-totp-message", null, null);
      show("zx-totp-setup");
    } else {
      startDocs();
    }
  }

  /** Ends the session on this page (the server's may already have ended) and asks for a login again. */
  function endSession(kind, text) {
    setToken(null);
    window.ui = null;
    el("swagger-ui").textContent = "";
    el("zx-user").textContent = "";
    showLogin(kind, text);
  }

  /** Asks the server where the stored session stands and shows what fits. */
  function resume() {
    call("GET", "/auth/me").then(function (answer) {
      if (answer.status === 200 && answer.body) {
        proceed(answer.body);
      } else if (answer.status === 401) {
        endSession("error", "会话已失效，请重新登录 / The session has ended; log in again");
      } else {
        showLogin("error", answer.status === 0 ? "无法连接服务器 / Cannot reach the server"
          : problemText(answer.body));
      }
    });
  }

  function login(event) {
    event.preventDefault();
    var form = event.target;
    var username = el("zx-username").value.trim();
    var password = el("zx-login-password").value;
    var totp = el("zx-totp").value.replace(/\s+/g, "");
    if (!username || !password) {
      message("zx-login-message", "error", "请输入用户名和密码 / Enter the username and password");
      return;
    }
    var body = { username: username, password: password };
    if (totp) {
      body.totp = totp;
    }
    busy(form, true);
    message("zx-login-message", "info", "正在登录… / Logging in…");
    setToken(null);
    call("POST", "/auth/login", body).then(function (answer) {
      busy(form, false);
      if (answer.status === 200 && answer.body && answer.body.token) {
        setToken(answer.body.token);
        el("zx-login-password").value = "";
        el("zx-totp").value = "";
        message("zx-login-message", null, null);
        proceed(answer.body);
      } else {
        el("zx-login-password").value = "";
        failure("zx-login-message", answer);
      }
    });
  }

  function changePassword(event) {
    event.preventDefault();
    var form = event.target;
    var current = el("zx-current-password").value;
    var next = el("zx-new-password").value;
    if (!current || !next) {
      message("zx-password-message", "error", "请输入当前密码和新密码 / Enter the current and the new password");
      return;
    }
    if (next !== el("zx-repeat-password").value) {
      message("zx-password-message", "error", "两次输入的新密码不一致 / The two new passwords differ");
      return;
    }
    busy(form, true);
    call("POST", "/auth/password", { currentPassword: current, newPassword: next }).then(function (answer) {
      busy(form, false);
      if (answer.status === 204) {
        form.reset();
        resume();
      } else if (answer.status === 401) {
        endSession("error", "会话已失效，请重新登录 / The session has ended; log in again");
      } else {
        failure("zx-password-message", answer);
      }
    });
  }

  function createTotpSecret() {
    var form = el("zx-totp-form");
    busy(form, true);
    call("POST", "/auth/totp/setup").then(function (answer) {
      busy(form, false);
      if (answer.status === 200 && answer.body) {
        el("zx-totp-secret-value").value = answer.body.secret || "";
        el("zx-totp-uri").value = answer.body.otpauthUri || "";
        el("zx-totp-secret").hidden = false;
        el("zx-totp-enable").hidden = false;
        message("zx-totp-message", null, null);
        el("zx-totp-code").focus();
      } else if (answer.status === 401) {
        endSession("error", "会话已失效，请重新登录 / The session has ended; log in again");
      } else {
        failure("zx-totp-message", answer);
      }
    });
  }

  function enableTotp(event) {
    event.preventDefault();
    var form = event.target;
    var code = el("zx-totp-code").value.replace(/\s+/g, "");
    if (el("zx-totp-enable").hidden) {
      return;
    }
    if (!/^[0-9]{6}$/.test(code)) {
      message("zx-totp-message", "error", "请输入 6 位数字动态口令 / Enter the 6-digit code");
      return;
    }
    busy(form, true);
    call("POST", "/auth/totp/enable", { code: code }).then(function (answer) {
      busy(form, false);
      if (answer.status === 204) {
        resume();
      } else if (answer.status === 401) {
        endSession("error", "会话已失效，请重新登录 / The session has ended; log in again");
      } else {
        failure("zx-totp-message", answer);
      }
    });
  }

  function logout() {
    var had = token();
    var done = function () {
      endSession("info", "已退出登录 / Logged out");
    };
    if (!had) {
      done();
      return;
    }
    call("POST", "/auth/logout").then(done);
  }

  // ------------------------------------------------------------------------------------------------ Swagger UI

  function hasAuthorization(headers) {
    return Object.keys(headers || {}).some(function (name) {
      return name.toLowerCase() === "authorization";
    });
  }

  function isSpec(url) {
    try {
      return new URL(url, window.location.href).pathname === SPEC;
    } catch (e) {
      return false;
    }
  }

  /** A 401 inside Swagger UI: for the document, the session is gone; for a tried call, ask the server. */
  function unauthorized(response) {
    if (isSpec(response.url)) {
      window.setTimeout(function () {
        endSession("error", "会话已失效，请重新登录 / The session has ended; log in again");
      }, 0);
      return;
    }
    if (checkingSession || !token()) {
      return;
    }
    checkingSession = true;
    call("GET", "/auth/me").then(function (answer) {
      checkingSession = false;
      if (answer.status === 401) {
        endSession("error", "会话已失效，请重新登录 / The session has ended; log in again");
      }
    });
  }

  /** Whether a 403 says the session must change its password or set up TOTP first. */
  function dueFirst(response) {
    var body = response.body;
    if (!body || typeof body !== "object") {
      try {
        body = JSON.parse(response.text || response.data || "null");
      } catch (e) {
        body = null;
      }
    }
    return !!body && (body.type === "/problems/password-change-required"
      || body.type === "/problems/totp-setup-required");
  }

  function startDocs() {
    show("swagger-ui");
    window.ui = SwaggerUIBundle({
      url: "/api/v1/openapi.json",
      dom_id: "#swagger-ui",
      deepLinking: true,
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      plugins: [SwaggerUIBundle.plugins.DownloadUrl],
      layout: "StandaloneLayout",
      // The session's token on every request, the document's fetch included; a token entered with "Authorize"
      // takes precedence.
      requestInterceptor: function (request) {
        var t = token();
        request.headers = request.headers || {};
        if (t && !hasAuthorization(request.headers)) {
          request.headers.Authorization = "Bearer " + t;
        }
        return request;
      },
      responseInterceptor: function (response) {
        if (response && response.status === 401) {
          unauthorized(response);
        } else if (response && response.status === 403 && isSpec(response.url) && dueFirst(response)) {
          window.setTimeout(resume, 0); // a password change or TOTP setup became due meanwhile
        }
        return response;
      }
    });
  }

  // ------------------------------------------------------------------------------------------------ start

  window.onload = function () {
    el("zx-login-form").addEventListener("submit", login);
    el("zx-password-form").addEventListener("submit", changePassword);
    el("zx-totp-form").addEventListener("submit", enableTotp);
    el("zx-totp-create").addEventListener("click", createTotpSecret);
    el("zx-logout").addEventListener("click", logout);
    Array.prototype.forEach.call(document.querySelectorAll("[data-zx-logout]"), function (button) {
      button.addEventListener("click", logout);
    });
    if (token()) {
      resume();
    } else {
      showLogin(null, null);
    }
  };
})();
