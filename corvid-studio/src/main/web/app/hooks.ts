// Small hooks shared by the pages: loading data, polling, and running an action with busy/error state.

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../api/client';

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Loads data when the deps change; `reload` fetches again and keeps showing the old data meanwhile. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const value = await loader.current();
      if (mine === generation.current) {
        setData(value);
        setError(undefined);
      }
    } catch (e) {
      if (mine === generation.current) setError(errorMessage(e));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setData(undefined);
    void reload();
    return () => {
      generation.current++; // ignore answers for what is no longer shown
    };
  }, deps); // eslint-disable-line react-hooks/exhaustive-deps

  return { data, error, loading, reload };
}

/** Calls `tick` every `ms` while the page is shown (and the tab is visible). */
export function useInterval(tick: () => void, ms: number) {
  const saved = useRef(tick);
  saved.current = tick;
  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState !== 'hidden') saved.current();
    }, ms);
    return () => clearInterval(id);
  }, [ms]);
}

export interface Action {
  busy: boolean;
  error: string | undefined;
  /** Runs the action; resolves true when it succeeded. */
  run: (work: () => Promise<unknown>) => Promise<boolean>;
  clear: () => void;
}

/** Busy and error state for a button's action, such as Save or Delete. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const run = useCallback(async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clear: () => setError(undefined) };
}
