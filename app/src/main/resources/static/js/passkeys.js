// Passkeys: registration on the security page, sign-in on the sign-in pages. Talks to Spring Security's WebAuthn
// endpoints (/webauthn/register/options, /webauthn/register, /webauthn/authenticate/options, /login/webauthn).
(() => {
  const b64url = {
    encode(buffer) {
      return btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/=/g, "").replace(/\+/g, "-").replace(/\//g, "_");
    },
    decode(text) {
      const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return bytes.buffer;
    },
  };

  function csrfHeaders() {
    const token = document.querySelector('meta[name="_csrf"]');
    const header = document.querySelector('meta[name="_csrf_header"]');
    return token && header ? { [header.content]: token.content } : {};
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...csrfHeaders() },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error("HTTP " + response.status);
    return response.json();
  }

  function showError(message) {
    const box = document.getElementById("passkey-error");
    if (box) {
      box.textContent = message;
      box.hidden = false;
    }
  }

  async function register(label) {
    const options = await post("/webauthn/register/options");
    const credential = await navigator.credentials.create({
      publicKey: {
        ...options,
        user: { ...options.user, id: b64url.decode(options.user.id) },
        challenge: b64url.decode(options.challenge),
        excludeCredentials: (options.excludeCredentials || []).map((c) => ({ ...c, id: b64url.decode(c.id) })),
      },
    });
    const response = credential.response;
    const result = await post("/webauthn/register", {
      publicKey: {
        label,
        credential: {
          id: credential.id,
          rawId: b64url.encode(credential.rawId),
          response: {
            attestationObject: b64url.encode(response.attestationObject),
            clientDataJSON: b64url.encode(response.clientDataJSON),
            transports: response.getTransports ? response.getTransports() : [],
          },
          type: credential.type,
          clientExtensionResults: credential.getClientExtensionResults(),
          authenticatorAttachment: credential.authenticatorAttachment,
        },
      },
    });
    if (!result.success) throw new Error("not registered");
  }

  async function signIn() {
    const options = await post("/webauthn/authenticate/options");
    const credential = await navigator.credentials.get({
      publicKey: {
        ...options,
        challenge: b64url.decode(options.challenge),
        allowCredentials: (options.allowCredentials || []).map((c) => ({ ...c, id: b64url.decode(c.id) })),
      },
    });
    const response = credential.response;
    const result = await post("/login/webauthn", {
      id: credential.id,
      rawId: b64url.encode(credential.rawId),
      response: {
        authenticatorData: b64url.encode(response.authenticatorData),
        clientDataJSON: b64url.encode(response.clientDataJSON),
        signature: b64url.encode(response.signature),
        userHandle: response.userHandle ? b64url.encode(response.userHandle) : undefined,
      },
      credType: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment,
    });
    if (!result.authenticated || !result.redirectUrl) throw new Error("not signed in");
    window.location.href = result.redirectUrl;
  }

  document.addEventListener("DOMContentLoaded", () => {
    const supported = !!window.PublicKeyCredential;
    const registerButton = document.querySelector("[data-passkey-register]");
    if (registerButton) {
      registerButton.addEventListener("click", async () => {
        const labelField = document.getElementById("passkey-label");
        const label = labelField ? labelField.value.trim() : "";
        if (!supported) return showError("This browser does not support passkeys.");
        if (!label) return showError("Give the passkey a name first, so you can tell it apart later.");
        registerButton.disabled = true;
        try {
          await register(label);
          window.location.href = "/account/security?passkey=added";
        } catch (e) {
          showError("The passkey was not added (" + e.message + "). Nothing was changed; try again.");
          registerButton.disabled = false;
        }
      });
    }
    document.querySelectorAll("[data-passkey-signin]").forEach((button) => {
      button.addEventListener("click", async () => {
        if (!supported) return showError("This browser does not support passkeys.");
        button.disabled = true;
        try {
          await signIn();
        } catch (e) {
          showError("Signing in with a passkey did not work. Try again, or use your password.");
          button.disabled = false;
        }
      });
    });
  });
})();
