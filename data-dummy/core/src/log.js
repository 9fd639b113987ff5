import process from 'node:process';

/** One line per event on stdout, where supervisord forwards it to `docker logs`. */
export function createLog(program) {
  const write = (level, message) =>
    process.stdout.write(`${new Date().toISOString()} ${program} ${level}: ${message}\n`);
  return {
    info: (message) => write('info', message),
    warn: (message) => write('warn', message),
    error: (message) => write('error', message),
  };
}
