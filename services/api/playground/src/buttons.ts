/** A button of a task's result, as the API lists it in `buttons`. */
export interface TaskButton {
  customId: string;
  label?: string;
  emoji?: string;
  style?: number;
  url?: string;
}

/** How the page shows one button: visible text, accessible name, and what a click does. */
export interface ButtonView {
  text: string;
  /** The accessible name: says what an emoji-only button does. */
  name: string;
  /** A link button opens `url`; every other one is clicked through POST /v1/api/trigger/action. */
  kind: 'click' | 'link';
  customId: string;
  url?: string;
}

const PAN = /^MJ::JOB::pan_(left|right|up|down)::/;
const NAMED: [RegExp, string][] = [
  [/^MJ::JOB::reroll::/, 'Reroll (run the prompt again)'],
  [/^MJ::BOOKMARK::/, 'Bookmark'],
  [/^MJ::Picread::Retry/, 'Describe again'],
  [/^MJ::Job::PicReader::all/, 'Imagine all four prompts'],
  [/^MJ::CancelJob::/, 'Cancel the job'],
];

function accessibleName(b: TaskButton, text: string): string {
  const pan = PAN.exec(b.customId);
  if (pan) return `Pan ${pan[1]}`;
  const named = NAMED.find(([re]) => re.test(b.customId));
  if (named) return named[1];
  const pick = /^MJ::Job::PicReader::(\d)$/.exec(b.customId) ?? /^MJ::Job::PromptAnalyzer::.+::(\d)$/.exec(b.customId);
  if (pick) return `Imagine prompt ${pick[1]}`;
  return text;
}

/** A label of only blanks (today's grids label their link button with a zero-width space) is none. */
const visible = (text: string | undefined) => text?.replace(/[\s\u200b]+/g, ' ').trim() || undefined;

/** The buttons worth showing, in Midjourney's order (clients read them by custom_id, never position). */
export function buttonViews(buttons: TaskButton[]): ButtonView[] {
  const views: ButtonView[] = [];
  for (const b of buttons) {
    const text = [visible(b.emoji), visible(b.label)].filter(Boolean).join(' ') || b.customId;
    if (b.url) views.push({ text: text === b.customId ? 'Web' : text, name: 'Open on midjourney.com', kind: 'link', customId: b.customId, url: b.url });
    else if (b.customId) views.push({ text, name: accessibleName(b, text), kind: 'click', customId: b.customId });
  }
  return views;
}
