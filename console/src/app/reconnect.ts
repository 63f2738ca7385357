// Screens refetch after the live connection comes back (events may have been missed meanwhile).
import { createContext, useContext, useEffect } from 'react';

export const ReconnectContext = createContext<(listener: () => void) => () => void>(() => () => undefined);

export function useOnReconnect(listener: () => void): void {
  const subscribe = useContext(ReconnectContext);
  useEffect(() => subscribe(listener), [subscribe, listener]);
}
