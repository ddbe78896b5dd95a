import { MIDJOURNEY_APP_ID, MIDJOURNEY_USER } from '../world.js';
import type { CommandVersions } from './command-versions.js';

export interface CommandOption {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  /** A fixed set of values: Discord refuses anything else (BASE_TYPE_CHOICES). */
  choices?: Array<{ name: string; value: string }>;
  /** The options of a subcommand (type 1). */
  options?: CommandOption[];
}

export interface SlashCommand {
  id: string;
  name: string;
  description: string;
  version: string;
  options: CommandOption[];
}

// Option types: 1 SUB_COMMAND, 3 STRING, 11 ATTACHMENT.
const text = (name: string, description: string, required = false): CommandOption => ({ type: 3, name, description, required });
const image = (name: string, description: string, required = false): CommandOption => ({ type: 11, name, description, required });
const sub = (name: string, description: string, options: CommandOption[] = []): CommandOption => ({ type: 1, name, description, options });
/** /blend's dimensions are a choice option (§3.2: `--ar 2:3`, `1:1`, `3:2`). */
const dimensions: CommandOption = {
  ...text('dimensions', 'The dimensions of the image. If not specified, the image will be square.'),
  choices: [
    { name: 'Portrait', value: '--ar 2:3' },
    { name: 'Square', value: '--ar 1:1' },
    { name: 'Landscape', value: '--ar 3:2' },
  ],
};

/**
 * Midjourney's slash commands. Ids are the real ones (§3.2). Versions are deliberately the
 * sandbox's own: real versions change without notice, so a client that hard-codes the documented
 * ones must fail here as it eventually does on Discord (400 INVALID_VERSION, §5.2).
 */
export const COMMANDS: readonly SlashCommand[] = [
  { id: '938956540159881230', name: 'imagine', description: 'Create images with Midjourney', version: '1390000000000000101', options: [text('prompt', 'The prompt to imagine', true)] },
  {
    id: '1092492867185950852',
    name: 'describe',
    description: 'Writes four example prompts based on an image you upload',
    version: '1390000000000000102',
    options: [image('image', 'The image to describe'), text('link', 'Link to the image')],
  },
  {
    id: '1062880104792997970',
    name: 'blend',
    description: 'Blend images together seamlessly!',
    version: '1390000000000000103',
    options: [
      image('image1', 'First image to add to the blend', true),
      image('image2', 'Second image to add to the blend', true),
      dimensions,
      image('image3', 'Third image to add to the blend (optional)'),
      image('image4', 'Fourth image to add to the blend (optional)'),
      image('image5', 'Fifth image to add to the blend (optional)'),
    ],
  },
  { id: '1121575372539039774', name: 'shorten', description: 'Analyzes and shortens a prompt.', version: '1390000000000000104', options: [text('prompt', 'The prompt to shorten', true)] },
  { id: '1000850743479255081', name: 'settings', description: 'View and adjust your personal settings.', version: '1390000000000000105', options: [] },
  { id: '972289487818334209', name: 'info', description: 'View information about your profile.', version: '1390000000000000106', options: [] },
  { id: '972289487818334212', name: 'fast', description: 'Switch to fast mode', version: '1390000000000000107', options: [] },
  { id: '972289487818334213', name: 'relax', description: 'Switch to relax mode', version: '1390000000000000108', options: [] },
  { id: '1124132684143271996', name: 'turbo', description: 'Switch to turbo mode', version: '1390000000000000110', options: [] },
  {
    id: '984273800587776053',
    name: 'prefer',
    description: 'Set your preferences.',
    version: '1390000000000000109',
    options: [
      sub('remix', 'Toggle remix mode.'),
      sub('suffix', 'Suffix to automatically add to the end of every prompt.', [text('new_value', 'The suffix')]),
      sub('auto_dm', 'Toggle auto-DM of finished jobs.'),
      sub('variability', 'Toggle high variation mode.'),
    ],
  },
];

const INDEX_VERSION = '1390000000000000100';

export function findCommand(id: unknown): SlashCommand | undefined {
  return COMMANDS.find((c) => c.id === id);
}

/**
 * `GET …/application-command-index` (§2.4): every command, so erictik's first-entry fallback works.
 * Versions as `versions` has them now (they rotate on demand, §5.2).
 */
export function commandIndex(versions?: CommandVersions): Record<string, unknown> {
  const { id, username, discriminator } = MIDJOURNEY_USER;
  const version = (base: string) => versions?.of(base) ?? base;
  return {
    version: version(INDEX_VERSION),
    applications: [
      {
        id: MIDJOURNEY_APP_ID,
        name: 'Midjourney Bot',
        icon: MIDJOURNEY_USER.avatar,
        description: 'Generate images from text prompts.',
        flags: 0,
        bot_id: MIDJOURNEY_APP_ID,
        bot: { id, username, discriminator, bot: true },
      },
    ],
    application_commands: COMMANDS.map((c, rank) => ({
      id: c.id,
      type: 1,
      application_id: MIDJOURNEY_APP_ID,
      version: version(c.version),
      name: c.name,
      description: c.description,
      dm_permission: true,
      contexts: [0, 1, 2],
      integration_types: [0, 1],
      global_popularity_rank: rank + 1,
      options: c.options,
    })),
  };
}
