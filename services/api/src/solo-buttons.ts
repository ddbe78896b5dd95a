import { AppError, type Task } from '@mjq/common';
import { parseCustomId, type ParsedCustomId } from '@mjq/discord';

/**
 * The seed's routes for the buttons of an upscaled image, by what they do rather than by their
 * custom_id, which changes with Midjourney's model version (v5 "Make Variations" vs v6 "Vary
 * (Strong)", versioned upscale job types): the button is looked up on the parent's message.
 */
export type SoloButton =
  | { route: 'solo_variation' }
  | { route: 'solo_low_variation' }
  | { route: 'solo_high_variation' }
  | { route: 'max_upscale' }
  | { route: 'expand'; direction: 'left' | 'right' | 'up' | 'down' }
  | { route: 'zoomout'; zoomout: 50 | 75 };

/** Predicates in order of preference: the first that matches a button of the message wins. */
function wanted(button: SoloButton): ((b: ParsedCustomId) => boolean)[] {
  switch (button.route) {
    case 'solo_variation':
      // v5's "Make Variations"; on v6 messages the same place is "Vary (Strong)".
      return [(b) => b.action === 'variation' && b.kind === 'job' && b.solo, (b) => b.action === 'vary_strong'];
    case 'solo_low_variation':
      return [(b) => b.action === 'vary_subtle'];
    case 'solo_high_variation':
      return [(b) => b.action === 'vary_strong'];
    case 'max_upscale':
      return [(b) => b.action === 'upsample_max'];
    case 'expand':
      return [(b) => b.action === `pan_${button.direction}`];
    case 'zoomout':
      return [(b) => b.kind === 'outpaint' && b.zoom === button.zoomout];
  }
}

/** The custom_id of that button on the parent's result; 400 INVALID_ACTION when it has none. */
export function soloCustomId(parent: Task, button: SoloButton): string {
  const parsed = parent.buttons.flatMap((b) => {
    const p = parseCustomId(b.customId);
    return p ? [{ customId: b.customId, parsed: p }] : [];
  });
  for (const test of wanted(button)) {
    const found = parsed.find((b) => test(b.parsed));
    if (found) return found.customId;
  }
  throw new AppError('INVALID_ACTION', `The message of task ${parent.id} has no button for ${button.route}`, {
    route: button.route,
    buttons: parent.buttons.map((b) => b.customId),
  });
}
