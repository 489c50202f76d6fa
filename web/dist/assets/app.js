// A small first screen for Formwork: sign up, sign in, see who you are.
// Every piece of text reaches the page through textContent, never as HTML.

const messages = {
  en: {
    language: "Language", loading: "Loading…", signIn: "Sign in", signUp: "Sign up",
    email: "E-mail", password: "Password", organisation: "Organisation", name: "Your name",
    createAccount: "Create account", signOut: "Sign out", hello: "Hello, {name}",
    who: "{tenant} · roles: {roles}", nextSteps: "Next steps",
    stepPack: "Install a template pack to get a working lead process.",
    stepInvite: "Invite a sales rep from the admin screens.",
    network: "The server could not be reached. Check your connection and try again.",
  },
  "zh-CN": {
    language: "语言", loading: "加载中…", signIn: "登录", signUp: "注册",
    email: "邮箱", password: "密码", organisation: "组织名称", name: "您的姓名",
    createAccount: "创建账号", signOut: "退出登录", hello: "您好，{name}",
    who: "{tenant} · 角色：{roles}", nextSteps: "下一步",
    stepPack: "安装一个模板包，立即获得可用的线索跟进流程。",
    stepInvite: "在管理页面邀请一名销售代表。",
    network: "无法连接服务器，请检查网络后重试。",
  },
};

function initialLocale() {
  const saved = localStorage.getItem("formwork.locale");
  if (saved && messages[saved]) return saved;
  return (navigator.language || "").toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

let locale = initialLocale();

function t(key, params = {}) {
  const text = (messages[locale] || messages.en)[key] || messages.en[key] || key;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ""));
}

function translate(root) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
}

function cookie(name) {
  const hit = document.cookie.split("; ").find((c) => c.startsWith(name + "="));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : "";
}

async function api(method, path, body) {
  const headers = { "Accept-Language": locale };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const csrf = cookie("fw_csrf");
  if (csrf) headers["X-CSRF-Token"] = csrf;
  const res = await fetch(path, { method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body) });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  return { ok: res.ok, status: res.status, data };
}

function showProblem(form, problem) {
  for (const el of form.querySelectorAll(".field-error")) el.remove();
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  form.querySelector(".error").textContent = problem ? problem.detail || problem.title : "";
  for (const fe of (problem && problem.errors) || []) {
    const input = form.querySelector(`[name="${CSS.escape(fe.pointer.slice(1))}"]`);
    if (!input) continue;
    input.setAttribute("aria-invalid", "true");
    const p = document.createElement("p");
    p.className = "field-error";
    p.textContent = fe.message;
    input.after(p);
  }
}

function formData(form) {
  return Object.fromEntries(new FormData(form).entries());
}

async function submit(form) {
  const kind = form.dataset.form;
  const body = formData(form);
  if (kind === "signup") body.locale = locale;
  try {
    const res = await api("POST", kind === "signup" ? "/api/v1/signup" : "/api/v1/auth/login", body);
    if (!res.ok) return showProblem(form, res.data);
    if (kind === "signup") {
      const login = await api("POST", "/api/v1/auth/login", { email: body.email, password: body.password });
      if (!login.ok) return showProblem(form, login.data);
    }
    await render();
  } catch {
    showProblem(form, { detail: t("network") });
  }
}

function renderAuth(app) {
  app.replaceChildren(document.getElementById("tpl-auth").content.cloneNode(true));
  const select = (tab) => {
    for (const b of app.querySelectorAll("[data-tab]")) b.setAttribute("aria-selected", String(b.dataset.tab === tab));
    app.querySelector("#form-login").hidden = tab !== "login";
    app.querySelector("#form-signup").hidden = tab !== "signup";
  };
  for (const b of app.querySelectorAll("[data-tab]")) b.addEventListener("click", () => select(b.dataset.tab));
  for (const f of app.querySelectorAll("form")) {
    f.addEventListener("submit", (ev) => { ev.preventDefault(); submit(f); });
  }
  select("login");
}

async function renderHome(app, me) {
  app.replaceChildren(document.getElementById("tpl-home").content.cloneNode(true));
  const tenant = await api("GET", "/api/v1/tenant");
  app.querySelector('[data-slot="greeting"]').textContent = t("hello", { name: me.name });
  app.querySelector('[data-slot="who"]').textContent =
    t("who", { tenant: tenant.ok ? tenant.data.name : "", roles: me.roles.join(", ") });
  app.querySelector("#logout").addEventListener("click", async () => {
    await api("POST", "/api/v1/auth/logout");
    await render();
  });
}

async function render() {
  const app = document.getElementById("app");
  document.documentElement.lang = locale;
  translate(document);
  let me = null;
  try {
    const res = await api("GET", "/api/v1/me");
    if (res.ok) me = res.data;
  } catch {
    app.textContent = t("network");
    return;
  }
  if (me) await renderHome(app, me);
  else renderAuth(app);
  translate(app);
}

document.addEventListener("DOMContentLoaded", () => {
  const select = document.getElementById("lang");
  select.value = locale;
  select.addEventListener("change", () => {
    locale = select.value;
    localStorage.setItem("formwork.locale", locale);
    render();
  });
  render();
});
