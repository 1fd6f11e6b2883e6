// A real OpenID provider for the tests: the certified npm package
// `oidc-provider`, shared by the tests of one test process. Each test
// registers its own client (dynamic client registration, POST /reg) and
// its own test accounts, whose claims it sets; the sign-in page asks only
// which account signs in. Test-only routes under /test/:
//
//   PUT  /test/accounts/:id   the account's claims (JSON), replaced whole
//   POST /test/mode           {"client_id", "mode": ""|"expired"|"wrong-nonce"|"foreign-key"|"rotated"}:
//                             how the ID tokens of that client are changed at
//                             the token endpoint: re-signed with the provider's
//                             own key after a change of claims, with a key it
//                             never published, or ("rotated") with its newest
//                             key from /test/rotate
//   POST /test/rotate         a new signing key, published in the key set
//                             from now on (the provider keeps signing other
//                             clients' tokens with its first key, so tests
//                             running at the same time are not disturbed)
//   GET  /test/stats          how often the key set was fetched
//
// Environment: OIDC_MODULES (the node_modules folder holding
// oidc-provider). Prints "listening <issuer>" on standard output once it
// answers; stops when its standard input closes (the test process ended).

import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const modules = process.env.OIDC_MODULES;
if (!modules) throw new Error('OIDC_MODULES is not set');
const require = createRequire(path.join(modules, 'resolve.js'));
const load = (name) => import(pathToFileURL(require.resolve(name)).href);
const { default: Provider } = await load('oidc-provider');
const jose = await load('jose');

const accounts = new Map();
const modes = new Map();
let jwksFetches = 0;
const signing = await newKey('k1');
const rotated = [];
const foreign = await newKey('k1'); // same kid as the first key, never published

async function newKey(prefix) {
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  jwk.kid = `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
  jwk.alg = 'RS256';
  jwk.use = 'sig';
  return { privateKey, jwk };
}

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

function configuration() {
  return {
    jwks: { keys: [signing.jwk] },
    cookies: { keys: ['jobclass-test-provider-cookie-key'] },
    pkce: { required: () => true },
    // The scope claims go into the ID token, as Entra ID and Keycloak do
    // for groups.
    conformIdTokenClaims: false,
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'groups', 'unit'],
    },
    async findAccount(ctx, id) {
      const claims = accounts.get(id);
      if (!claims) return undefined;
      return { accountId: id, async claims() { return { sub: id, ...claims }; } };
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.body = page('Sign out', `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>`);
        },
        async postLogoutSuccessSource(ctx) {
          ctx.body = page('Signed out', '<p>You are signed out.</p>');
        },
      },
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page('Error', `<pre>${escape(JSON.stringify(out))}</pre>`);
    },
  };
}

let issuer;
let provider;
function build() {
  provider = new Provider(issuer, configuration());
  provider.on('server_error', (ctx, err) => console.error(err));
  provider.use(async (ctx, next) => {
    if (ctx.path === '/jwks') jwksFetches += 1;
    await next();
    if (ctx.path === '/jwks' && ctx.body && Array.isArray(ctx.body.keys)) {
      const published = rotated.map(({ jwk }) => {
        const { kty, n, e, kid, alg, use } = jwk;
        return { kty, n, e, kid, alg, use };
      });
      ctx.body = { keys: [...published.reverse(), ...ctx.body.keys] };
    }
    const mode = modes.get(ctx.oidc?.client?.clientId);
    if (ctx.path === '/token' && mode && ctx.body && ctx.body.id_token) {
      ctx.body = { ...ctx.body, id_token: await spoil(ctx.body.id_token, mode) };
    }
  });
}

async function spoil(idToken, mode) {
  const claims = jose.decodeJwt(idToken);
  const header = jose.decodeProtectedHeader(idToken);
  let key = signing.privateKey;
  const now = Math.floor(Date.now() / 1000);
  if (mode === 'expired') {
    claims.iat = now - 3600;
    claims.exp = now - 120; // beyond the 60 s of clock skew allowed
  } else if (mode === 'wrong-nonce') {
    claims.nonce = 'a-nonce-the-portal-never-sent';
  } else if (mode === 'foreign-key') {
    key = foreign.privateKey;
  } else if (mode === 'rotated' && rotated.length) {
    const newest = rotated[rotated.length - 1];
    key = newest.privateKey;
    header.kid = newest.jwk.kid;
  }
  return new jose.SignJWT(claims).setProtectedHeader(header).sign(key);
}

async function body(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res, status, type, text) {
  res.writeHead(status, { 'content-type': type });
  res.end(text);
}

async function handle(req, res) {
  const url = new URL(req.url, issuer);
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] === 'test') {
    if (req.method === 'PUT' && parts[1] === 'accounts' && parts[2]) {
      accounts.set(decodeURIComponent(parts[2]), JSON.parse(await body(req)));
      return send(res, 204, 'text/plain', '');
    }
    if (req.method === 'POST' && parts[1] === 'mode') {
      const { client_id: clientId, mode } = JSON.parse(await body(req));
      modes.set(clientId, mode || '');
      return send(res, 204, 'text/plain', '');
    }
    if (req.method === 'POST' && parts[1] === 'rotate') {
      const key = await newKey('k2');
      rotated.push(key);
      return send(res, 200, 'application/json', JSON.stringify({ kid: key.jwk.kid }));
    }
    if (req.method === 'GET' && parts[1] === 'stats') {
      return send(res, 200, 'application/json', JSON.stringify({ jwks_fetches: jwksFetches }));
    }
    return send(res, 404, 'text/plain', 'no such test route');
  }
  if (parts[0] === 'interaction' && parts[1]) {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET' && parts.length === 2) {
      return send(res, 200, 'text/html; charset=utf-8', page('Sign in at the test provider', `
<form method="post" action="/interaction/${escape(details.uid)}/login">
<label for="account">Account</label> <input id="account" name="account" autocomplete="off">
<button type="submit">Sign in</button></form>`));
    }
    if (req.method === 'POST' && parts[2] === 'login') {
      const accountId = new URLSearchParams(await body(req)).get('account') || '';
      if (!accounts.has(accountId)) {
        return send(res, 400, 'text/plain', `no test account ${accountId}`);
      }
      const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, {
        login: { accountId },
        consent: { grantId },
      }, { mergeWithLastSubmission: false });
    }
  }
  return provider.callback()(req, res);
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) send(res, 500, 'text/plain', String(err));
  });
});
// Longer than a client keeps an idle connection (reqwest: 90 s): closing
// first would race with a client reusing the connection.
server.keepAliveTimeout = 120_000;
server.listen(0, '127.0.0.1', () => {
  issuer = `http://127.0.0.1:${server.address().port}`;
  build();
  console.log(`listening ${issuer}`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
