// Numbers, durations and dates as the Studio shows them.

export function formatNumber(value: number | undefined | null): string {
  return value === undefined || value === null || Number.isNaN(value) ? '–' : Math.round(value).toLocaleString('en-US');
}

/** A lag or a duration in seconds, short and readable: "0 s", "42 s", "3 min 5 s", "2 h 10 min". */
export function formatSeconds(seconds: number | undefined | null): string {
  if (seconds === undefined || seconds === null || Number.isNaN(seconds)) {
    return '–';
  }
  if (seconds < 10) {
    return `${Number(seconds.toFixed(1))} s`;
  }
  const whole = Math.round(seconds);
  if (whole < 60) {
    return `${whole} s`;
  }
  if (whole < 3600) {
    const s = whole % 60;
    return `${Math.floor(whole / 60)} min${s ? ` ${s} s` : ''}`;
  }
  const minutes = Math.floor(whole / 60) % 60;
  return `${Math.floor(whole / 3600)} h${minutes ? ` ${minutes} min` : ''}`;
}

export function formatMs(ms: number | undefined | null): string {
  if (ms === undefined || ms === null || Number.isNaN(ms)) {
    return '–';
  }
  return ms < 1000 ? `${Math.round(ms)} ms` : formatSeconds(ms / 1000);
}

export function formatBytes(bytes: number | undefined | null): string {
  if (bytes === undefined || bytes === null) {
    return '–';
  }
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** An ISO date from the server as local date and time, to the second. */
export function formatDate(iso: string | undefined | null): string {
  if (!iso) {
    return '–';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** "1 document", "3 documents". */
export function plural(count: number, singular: string, pluralForm = singular + 's'): string {
  return `${formatNumber(count)} ${count === 1 ? singular : pluralForm}`;
}
