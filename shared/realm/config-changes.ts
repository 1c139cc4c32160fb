/**
 * In-process notice that a realm's configuration changed. The realm config cache listens so that a
 * write made by this container is seen by its next read at once; other containers notice through
 * the realm's configVersion when their cache entry is next revalidated (DESIGN.md §5).
 */
type Listener = (realmId: string) => void;
const listeners = new Set<Listener>();

export function onRealmConfigChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function realmConfigChanged(realmId: string): void {
  for (const listener of listeners) listener(realmId);
}
