/*
 * Guildmark as a local implementation for the W3C VC test suites (read by
 * vc-test-suite-implementations from each suite's root, where run.sh links it).
 * Everything comes from the environment run.sh sets after starting the app:
 *   GUILDMARK_URL      base URL of the running app, e.g. http://127.0.0.1:8080
 *   GUILDMARK_ORG      the organization's slug
 *   GUILDMARK_API_KEY  an API key of that organization (gmk_…), for the issuer endpoints
 *   GUILDMARK_ISSUER   the organization's did:key (its did:key issuer option is on)
 *   GUILDMARK_DID_WEB  the organization's did:web, the issuer of credentials with
 *                      a status entry (the status list's issuer must match)
 */
const baseUrl = process.env.GUILDMARK_URL;
const org = process.env.GUILDMARK_ORG;
const apiKey = process.env.GUILDMARK_API_KEY;
const issuerId = process.env.GUILDMARK_ISSUER;
const didWeb = process.env.GUILDMARK_DID_WEB;
if(!baseUrl || !org || !apiKey || !issuerId || !didWeb) {
  throw new Error('GUILDMARK_URL, GUILDMARK_ORG, GUILDMARK_API_KEY and ' +
    'GUILDMARK_ISSUER, GUILDMARK_DID_WEB must be set (tools/w3c-suites/run.sh sets them).');
}
const issueEndpoint =
  `${baseUrl}/api/v1/organizations/${org}/vc-api/credentials/issue`;
const headers = {Authorization: `Bearer ${apiKey}`};

module.exports = {
  settings: {enableInteropTests: false, testAllImplementations: false},
  implementations: [{
    name: 'Guildmark',
    implementation: 'Guildmark',
    issuers: [{
      id: issuerId,
      endpoint: issueEndpoint,
      headers,
      supports: {vc: ['1.1', '2.0']},
      tags: ['vc2.0', 'eddsa-rdfc-2022']
    }, {
      // the same issuer asked for the other EdDSA cryptosuite
      id: issuerId,
      endpoint: issueEndpoint,
      headers,
      options: {cryptosuite: 'eddsa-jcs-2022'},
      supports: {vc: ['1.1', '2.0']},
      tags: ['eddsa-jcs-2022']
    }, {
      // the Bitstring Status List suite asks each issued credential for a
      // status entry through the endpoint's options
      id: didWeb,
      endpoint: issueEndpoint,
      headers,
      options: {
        credentialStatus: {
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation'
        }
      },
      tags: ['BitstringStatusList', 'Revocation']
    }],
    verifiers: [{
      id: `${baseUrl}/credentials/verify`,
      endpoint: `${baseUrl}/credentials/verify`,
      supports: {vc: ['1.1', '2.0']},
      tags: ['vc2.0', 'eddsa-rdfc-2022', 'eddsa-jcs-2022', 'BitstringStatusList', 'Revocation']
    }],
    vpVerifiers: [{
      id: `${baseUrl}/presentations/verify`,
      endpoint: `${baseUrl}/presentations/verify`,
      tags: ['vc2.0', 'BitstringStatusList']
    }]
  }]
};
