import { temporal } from '@temporalio/proto';
import type { Connection } from '@temporalio/client';
import { caseSearchAttributes } from '../../workflows/search-attributes';

const indexedType = temporal.api.enums.v1.IndexedValueType;
const byKind = {
  KEYWORD: indexedType.INDEXED_VALUE_TYPE_KEYWORD,
  KEYWORD_LIST: indexedType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  INT: indexedType.INDEXED_VALUE_TYPE_INT,
  BOOL: indexedType.INDEXED_VALUE_TYPE_BOOL,
} as const;

/**
 * Registers the case search attributes on a server that lacks them (a cluster at TEMPORAL_ADDRESS, the time-skipping
 * test server). Attributes that already exist are left alone (one call each: a server refuses a batch with any
 * existing attribute).
 */
export async function registerCaseSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  for (const key of Object.values(caseSearchAttributes)) {
    try {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: { [key.name]: byKind[key.type] },
      });
    } catch (error) {
      if (!/already exists/i.test((error as Error).message)) throw error;
    }
  }
}
