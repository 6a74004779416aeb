// Date texts that change once a second: a batch signs thousands of requests within each
// second, so the text of the last second asked for is kept (a date is no secret).

/** `format`, computed once per second of the dates given; an invalid date is formatted (and fails) every time. */
export function perSecond(format: (date: Date) => string): (date: Date) => string {
  let second = Number.NaN;
  let text = '';
  return (date) => {
    const current = Math.floor(date.getTime() / 1000);
    if (current !== second) {
      text = format(date);
      second = current;
    }
    return text;
  };
}
