// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';

// Imports point inward: shared <- policy, recovery, container <- jobs <- adapters and api.
// Adapters never import each other; the CLI reaches the daemon only over HTTP.
const adapters = ['store', 'remote', 'docker', 'core', 'backup', 'config'];
const zone = (target, from, message) => ({
  target: `./src/${target}`,
  from: from.map((f) => `./src/${f}`),
  message,
});
const zones = [
  zone(
    'shared',
    ['policy', 'recovery', 'container', 'jobs', 'api', 'cli', ...adapters],
    'shared imports nothing of ours',
  ),
  zone(
    'policy',
    ['recovery', 'container', 'jobs', 'api', 'cli', ...adapters],
    'policy is pure: shared only',
  ),
  zone(
    'recovery',
    ['policy', 'container', 'jobs', 'api', 'cli', ...adapters],
    'recovery is pure: shared only',
  ),
  zone(
    'container',
    ['recovery', 'jobs', 'api', 'cli', ...adapters],
    'container is pure: shared and policy',
  ),
  zone('jobs', ['api', 'cli', ...adapters], 'jobs reach the outside through ports.ts only'),
  zone('api', ['cli', ...adapters], 'api talks to jobs, not to adapters'),
  zone(
    'cli',
    ['jobs', 'api', 'store', 'remote', 'docker', 'core', 'backup'],
    'the CLI reaches the daemon over HTTP only',
  ),
  ...adapters.map((a) =>
    zone(a, [...adapters.filter((b) => b !== a), 'api', 'cli'], 'adapters never import each other'),
  ),
];

// fs/ holds small I/O helpers that adapters share; the pure core may not use them.
zones.push(
  ...['shared', 'policy', 'recovery', 'container', 'jobs'].map((pure) =>
    zone(pure, ['fs'], 'the pure core does no file I/O'),
  ),
);

// The pure core must not do I/O itself.
const nodeIo = ['fs', 'child_process', 'net', 'http', 'https', 'dgram', 'os', 'process'].flatMap(
  (m) => [m, `node:${m}`, `${m}/promises`, `node:${m}/promises`],
);

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data-dummy/**/node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js'] } } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones }],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Only config/ and entry points read process.' },
      ],
    },
  },
  {
    files: ['src/shared/**', 'src/policy/**', 'src/recovery/**', 'src/container/**', 'src/jobs/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeIo.map((name) => ({ name })) }],
    },
  },
  {
    files: ['src/config/**', 'src/main.ts', 'src/cli/**', 'test/**', 'integration/**', 'bench/**'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['test/**', 'integration/**'],
    rules: {
      // chai's expect(...).to.be.true reads as an unused expression.
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Response bodies are untyped JSON; the assertions are what check their shape.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
