import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';

/** A thin bar at the top of the page while requests take longer than a moment. */
export function ActivityBar() {
  const [active, setActive] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = api.onActivity((inFlight) => {
      clearTimeout(timer);
      if (inFlight > 0) {
        timer = setTimeout(() => setActive(true), 250);
      } else {
        setActive(false);
      }
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, []);
  return <div class={`activity-bar ${active ? 'activity-bar-active' : ''}`} role="progressbar" aria-label="Talking to the server" aria-hidden={!active} />;
}
