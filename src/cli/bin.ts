#!/usr/bin/env node
// First: it configures arktype before any module loads it.
import './jitless-validation.js';
import { isatty } from 'node:tty';
import { withDaemonEnv } from './daemon-env.js';
import { buildProgram } from './program.js';

// A closed pipe (`payram-updater history | head`) ends the output, not the CLI with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const program = buildProgram({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  isInteractive: isatty(0),
  env: withDaemonEnv(process.env),
});
process.exitCode = await program.run(process.argv.slice(2));
