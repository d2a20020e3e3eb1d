import { Organisation1764300000000 } from './1764300000000-Organisation';
import { Identity1764300000001 } from './1764300000001-Identity';

/** In order. The same migrations run on SQLite and on MySQL/MariaDB. */
export const MIGRATIONS = [Organisation1764300000000, Identity1764300000001];
