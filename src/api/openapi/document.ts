import { diagnosisSchemas } from './diagnosis-schemas.js';
import { errorResponses, errorSchemas } from './error-schemas.js';
import { jobSchemas } from './job-schemas.js';
import type { OpenApiDocument } from './openapi-types.js';
import { unroutedResponses } from './operations.js';
import { recordSchemas } from './record-schemas.js';
import { requestBodySchemas } from './request-bodies.js';
import { servicePaths } from './service-paths.js';
import { upgradePaths } from './upgrade-paths.js';

// The version of this contract, raised when it changes incompatibly; not the package version.
const contractVersion = '1.0.0';

const description = [
  'The API of the payram-updater daemon. Bodies are JSON in snake_case; requests also accept the',
  'camelCase names some Payram dashboards send. Errors are `{"error": …, "code": …}`.',
  '',
  'Requests are accepted only from the allowed source networks (loopback and Docker bridges',
  'unless configured otherwise); others get 403. When UPDATER_API_TOKEN is set, every POST needs',
  '`Authorization: Bearer <token>`; reads never do.',
  '',
  'A path not listed here answers 404 and a method not listed on a listed path 405, with the',
  'error body; source restriction, the token check and the body parser come first, so such a',
  'request may also get any of the answers in `x-unrouted-responses`.',
].join('\n');

export const openApiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'payram-updater', version: contractVersion, description },
  tags: [
    { name: 'service', description: 'The updater itself.' },
    { name: 'upgrade', description: 'Upgrade jobs: plan, start, follow, recover.' },
    { name: 'diagnostics', description: 'Read-only diagnosis of the installation.' },
    { name: 'history', description: 'What the updater has done.' },
    { name: 'backups', description: 'Database backups and restores.' },
  ],
  paths: { ...servicePaths, ...upgradePaths },
  components: {
    schemas: {
      ...errorSchemas,
      ...requestBodySchemas,
      ...jobSchemas,
      ...diagnosisSchemas,
      ...recordSchemas,
    },
    responses: errorResponses,
    securitySchemes: {
      bearerToken: {
        type: 'http',
        scheme: 'bearer',
        description: 'Required on POST requests only when UPDATER_API_TOKEN is set.',
      },
    },
  },
  'x-unrouted-responses': unroutedResponses,
};
