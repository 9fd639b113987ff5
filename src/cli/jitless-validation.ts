import { configure } from 'arktype/config';

/*
 * Imported first by the entry point, before anything loads arktype. Compiled validators would
 * be faster, but the daemon validates little (its configuration once, small request bodies,
 * two documents per job), and precompiling arktype's built-in keywords at load costs about
 * 15 MB of resident memory for the whole life of the process.
 */
configure({ jitless: true });
