// No registry is reachable here, so testcontainers' reaper image cannot be pulled: every test
// removes what it creates instead. Set before testcontainers reads its environment.
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost';
