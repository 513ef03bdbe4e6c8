#!/usr/bin/env node
/*
 * Verifies a Guildmark credential with Digital Bazaar's Verifiable Credentials libraries, an implementation
 * independent of ours, from nothing but the credential:
 *
 *   - JSON-LD contexts come ONLY from the contexts bundled in the repository
 *     (credentials/src/main/resources/io/guildmark/credentials/contexts/index.json, each file checked against
 *     its sha256); a context that is not bundled fails the verification, nothing is fetched for it;
 *   - did:key verification methods are resolved locally;
 *   - did:web verification methods are resolved by fetching the DID document over HTTPS (HTTP only for the
 *     loopback hosts 127.0.0.1, localhost and [::1], where the test platform runs);
 *   - a BitstringStatusListEntry is checked by fetching its statusListCredential (same HTTPS/loopback rule),
 *     verifying that credential's own proof and issuer, and decoding its GZIP + multibase base64url bitstring
 *     (@digitalbazaar/vc-bitstring-status-list).
 *
 * Usage: node verify.mjs [--offline] [--no-status] <credential.json | ->
 *   --offline    no HTTP at all: only did:key issuers verify; the status is not checked
 *   --no-status  do not check credentialStatus
 *
 * Prints one JSON line {verified, error?, statusChecked, revoked, ...} and exits 0 when verified, 1 when not,
 * 2 on bad usage. A revoked (or suspended) credential is not verified.
 */
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {checkStatus as checkBitstringStatus} from '@digitalbazaar/vc-bitstring-status-list';

const HERE = dirname(fileURLToPath(import.meta.url));
const DEFAULT_CONTEXTS = resolve(HERE, '../../credentials/src/main/resources/io/guildmark/credentials/contexts');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const HTTP_TIMEOUT_MS = 10_000;
const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';

function usage(message) {
  process.stderr.write(`${message}\nUsage: node verify.mjs [--offline] [--no-status] <credential.json | ->\n`);
  process.exit(2);
}

/** URL -> parsed context, from the repository's bundle only; each file must match its recorded sha256. */
export function loadBundledContexts(dir = process.env.GUILDMARK_CONTEXTS_DIR || DEFAULT_CONTEXTS) {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  const contexts = new Map();
  for(const [url, {file, sha256}] of Object.entries(index)) {
    const bytes = readFileSync(join(dir, file));
    const actual = createHash('sha256').update(bytes).digest('hex');
    if(actual !== sha256) {
      throw new Error(`Bundled context ${file} for ${url} has sha256 ${actual}, index.json says ${sha256}`);
    }
    contexts.set(url, JSON.parse(bytes.toString('utf8')));
  }
  return contexts;
}

/** The URL of a did:web DID document (https, or http for loopback hosts). */
export function didWebUrl(did) {
  const parts = did.split(':');
  if(parts.length < 3 || parts[0] !== 'did' || parts[1] !== 'web' || !parts[2]) {
    throw new Error(`Not a did:web DID: ${did}`);
  }
  const host = decodeURIComponent(parts[2]);
  if(/[/?#@\s]/.test(host)) {
    throw new Error(`Invalid did:web host: ${host}`);
  }
  const path = parts.slice(3).map(decodeURIComponent);
  if(path.some(p => !p || p.includes('/') || p === '.' || p === '..')) {
    throw new Error(`Invalid did:web path: ${did}`);
  }
  const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  const scheme = LOOPBACK.has(hostname.toLowerCase()) ? 'http' : 'https';
  const tail = path.length ? path.map(encodeURIComponent).join('/') + '/did.json' : '.well-known/did.json';
  return `${scheme}://${host}/${tail}`;
}

function checkFetchable(url) {
  const parsed = new URL(url);
  if(parsed.protocol === 'https:') {
    return parsed;
  }
  if(parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname.toLowerCase())) {
    return parsed;
  }
  throw new Error(`Refusing to fetch ${url}: only https, or http on a loopback host`);
}

/** The DID document of a did:key with an Ed25519 key (z6Mk…), built locally. */
function didKeyDocument(did) {
  const multibase = did.slice('did:key:'.length);
  if(!/^z6Mk[1-9A-HJ-NP-Za-km-z]+$/.test(multibase)) {
    throw new Error(`Only Ed25519 did:key DIDs (z6Mk…) are supported: ${did}`);
  }
  const vm = {id: `${did}#${multibase}`, type: 'Multikey', controller: did, publicKeyMultibase: multibase};
  return {
    '@context': ['https://www.w3.org/ns/did/v1', MULTIKEY_CONTEXT],
    id: did,
    verificationMethod: [vm],
    authentication: [vm.id],
    assertionMethod: [vm.id],
    capabilityDelegation: [vm.id],
    capabilityInvocation: [vm.id]
  };
}

/** The verification method `id` of a DID document (relative ids "#key-1" allowed), with a JSON-LD context. */
function findVerificationMethod(didDocument, id) {
  const did = didDocument.id;
  const absolute = ref => (typeof ref === 'string' && ref.startsWith('#') ? did + ref : ref);
  const relations = ['verificationMethod', 'assertionMethod', 'authentication', 'capabilityInvocation',
    'capabilityDelegation', 'keyAgreement'];
  for(const relation of relations) {
    for(const entry of [].concat(didDocument[relation] || [])) {
      if(entry && typeof entry === 'object' && absolute(entry.id) === id) {
        const vm = {...entry, id, controller: absolute(entry.controller) || did};
        if(!vm['@context']) {
          vm['@context'] = vm.type === 'Multikey' ? MULTIKEY_CONTEXT : didDocument['@context'];
        }
        return vm;
      }
    }
  }
  throw new Error(`Verification method ${id} is not in the DID document of ${did}`);
}

/**
 * A JSON-LD document loader that serves the bundled contexts, local did:key documents and, unless offline,
 * did:web documents and the credential's status list credentials over HTTP(S). Anything else is refused.
 */
export function createDocumentLoader({contexts, offline = false, allowedUrls = new Set(), log = []}) {
  const didDocuments = new Map();

  async function fetchJson(url, accept) {
    if(offline) {
      throw new Error(`Offline: not fetching ${url}`);
    }
    checkFetchable(url);
    log.push(url);
    const response = await fetch(url, {
      headers: {Accept: accept},
      redirect: 'error',
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS)
    });
    if(!response.ok) {
      throw new Error(`HTTP ${response.status} for ${url}`);
    }
    return JSON.parse(await response.text());
  }

  async function didDocument(did) {
    if(!didDocuments.has(did)) {
      let document;
      if(did.startsWith('did:key:')) {
        document = didKeyDocument(did);
      } else if(did.startsWith('did:web:')) {
        document = await fetchJson(didWebUrl(did), 'application/did+ld+json, application/did+json, application/json');
        if(document.id !== did) {
          throw new Error(`DID document fetched for ${did} has id ${document.id}`);
        }
      } else {
        throw new Error(`Unsupported DID method: ${did}`);
      }
      didDocuments.set(did, document);
    }
    return didDocuments.get(did);
  }

  return async function documentLoader(url) {
    if(contexts.has(url)) {
      return {contextUrl: null, documentUrl: url, document: structuredClone(contexts.get(url))};
    }
    if(url.startsWith('did:')) {
      const [did, fragment] = url.split('#');
      const document = await didDocument(did);
      return {
        contextUrl: null,
        documentUrl: url,
        document: fragment === undefined ? document : findVerificationMethod(document, url)
      };
    }
    if(allowedUrls.has(url)) {
      const document = await fetchJson(url, 'application/vc+ld+json, application/ld+json, application/json');
      return {contextUrl: null, documentUrl: url, document};
    }
    throw new Error(`Document not allowed (not a bundled context, DID or status list of this credential): ${url}`);
  };
}

function message(error) {
  if(!error) {
    return undefined;
  }
  const errors = [].concat(error.errors || error);
  return errors.map(e => {
    const parts = [e.message || String(e)];
    if(e.cause && e.cause.message) {
      parts.push(`cause: ${e.cause.message}`);
    }
    if(e.details) {
      const {cause, ...details} = e.details;
      parts.push(`details: ${JSON.stringify(details)}`);
      if(cause && cause.message) {
        parts.push(`cause: ${cause.message}`);
      }
    }
    return parts.join('; ');
  }).join(' | ');
}

function proofErrors(result) {
  const errors = [];
  for(const r of result.results || []) {
    if(!r.verified && r.error) {
      errors.push(r.error);
    }
  }
  return errors;
}

/** Verifies `credential`; resolves to the JSON result printed by the command line. */
export async function verify(credential, {offline = false, noStatus = false, contexts = loadBundledContexts()} = {}) {
  const statuses = [].concat(credential.credentialStatus || []);
  const bitstringStatuses = statuses.filter(s => s && s.type === 'BitstringStatusListEntry');
  const allowedUrls = new Set(bitstringStatuses.map(s => s.statusListCredential).filter(u => typeof u === 'string'));
  const fetched = [];
  const documentLoader = createDocumentLoader({contexts, offline, allowedUrls, log: fetched});
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});

  const out = {verified: false, statusChecked: false, revoked: false, suspended: false};
  const skipped = [];
  const checkStatus = async options => {
    if(noStatus || offline) {
      skipped.push(noStatus ? 'status check disabled (--no-status)' : 'status not checked offline');
      return {verified: true};
    }
    if(bitstringStatuses.length === 0) {
      skipped.push(`unsupported credentialStatus type(s): ${statuses.map(s => s && s.type).join(', ')}`);
      return {verified: true};
    }
    const result = await checkBitstringStatus({...options, suite, documentLoader});
    if(result.verified) {
      out.statusChecked = true;
      for(const {credentialStatus, status} of result.results) {
        if(status && credentialStatus.statusPurpose === 'revocation') {
          out.revoked = true;
        }
        if(status && credentialStatus.statusPurpose === 'suspension') {
          out.suspended = true;
        }
      }
    }
    return result;
  };

  let result;
  try {
    result = await vc.verifyCredential({credential, suite, documentLoader, checkStatus});
  } catch(error) {
    result = {verified: false, error};
  }
  out.proofVerified = Array.isArray(result.results) && result.results.length > 0 &&
    result.results.every(r => r.verified);
  if(!result.verified) {
    const errors = [...proofErrors(result)];
    if(result.statusResult && !result.statusResult.verified) {
      errors.push(result.statusResult.error);
    }
    if(errors.length === 0 && result.error) {
      errors.push(result.error);
    }
    out.error = errors.map(message).join(' | ') || 'not verified';
  } else if(out.revoked || out.suspended) {
    out.error = out.revoked ? 'credential is revoked' : 'credential is suspended';
  } else {
    out.verified = true;
  }
  if(skipped.length) {
    out.statusSkipped = [...new Set(skipped)].join('; ');
  }
  out.fetched = fetched;
  return out;
}

async function main(argv) {
  const flags = new Set(argv.filter(a => a.startsWith('--')));
  const files = argv.filter(a => !a.startsWith('--'));
  for(const flag of flags) {
    if(!['--offline', '--no-status'].includes(flag)) {
      usage(`Unknown option ${flag}`);
    }
  }
  if(files.length !== 1) {
    usage('One credential file is needed');
  }
  let credential;
  try {
    credential = JSON.parse(readFileSync(files[0] === '-' ? 0 : files[0], 'utf8'));
  } catch(error) {
    usage(`Cannot read a JSON credential from ${files[0]}: ${error.message}`);
  }
  const result = await verify(credential, {offline: flags.has('--offline'), noStatus: flags.has('--no-status')});
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exitCode = result.verified ? 0 : 1;
}

if(process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch(error => {
    process.stdout.write(JSON.stringify({verified: false, error: message(error), statusChecked: false, revoked: false}) + '\n');
    process.exitCode = 1;
  });
}
