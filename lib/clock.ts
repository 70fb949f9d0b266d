// The one clock of the app: tests replace `now` to control time in-process.
export const clock = {
  now: (): Date => new Date(),
};
