import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125175140 } from './Migration20261125175140';
import { Migration20261201091807 } from './Migration20261201091807';
import { Migration20261201105000 } from './Migration20261201105000';
import { Migration20261201113000 } from './Migration20261201113000';
import { Migration20261201114000 } from './Migration20261201114000';
import { Migration20261201115500 } from './Migration20261201115500';
import { Migration20261201140000 } from './Migration20261201140000';
import { Migration20261201143000 } from './Migration20261201143000';
import { Migration20261201150000 } from './Migration20261201150000';
import { Migration20261201160000 } from './Migration20261201160000';
import { Migration20261201170000 } from './Migration20261201170000';
import { Migration20261201200000 } from './Migration20261201200000';
import { Migration20261207130000 } from './Migration20261207130000';

/** Every migration, in order; listed explicitly so bundling and tsx agree. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261125175140', class: Migration20261125175140 },
  { name: 'Migration20261201091807', class: Migration20261201091807 },
  { name: 'Migration20261201105000', class: Migration20261201105000 },
  { name: 'Migration20261201113000', class: Migration20261201113000 },
  { name: 'Migration20261201114000', class: Migration20261201114000 },
  { name: 'Migration20261201115500', class: Migration20261201115500 },
  { name: 'Migration20261201140000', class: Migration20261201140000 },
  { name: 'Migration20261201143000', class: Migration20261201143000 },
  { name: 'Migration20261201150000', class: Migration20261201150000 },
  { name: 'Migration20261201160000', class: Migration20261201160000 },
  { name: 'Migration20261201170000', class: Migration20261201170000 },
  { name: 'Migration20261201200000', class: Migration20261201200000 },
  { name: 'Migration20261207130000', class: Migration20261207130000 },
];
