import { describe, expect, it } from 'vitest';
import { promptForTask } from '../src/prompt-for-task.js';

describe('promptForTask', () => {
  const task = { id: '42', prompt: 'a red fox', imageUrls: ['https://a.example/1.png'] };

  it('puts the image URLs first, then the task marker and the text', () => {
    expect(promptForTask(task)).toBe('https://a.example/1.png <#42#>a red fox');
  });

  it("adds the task's mode, else the account's when it is not fast, as Midjourney's own flag", () => {
    expect(promptForTask({ ...task, imageUrls: [], mode: 'turbo' })).toBe('<#42#>a red fox --turbo');
    expect(promptForTask({ ...task, imageUrls: [] }, 'relax')).toBe('<#42#>a red fox --relax');
    expect(promptForTask({ ...task, imageUrls: [] }, 'fast')).toBe('<#42#>a red fox');
  });

  it('keeps a mode the prompt already names', () => {
    expect(promptForTask({ ...task, imageUrls: [], prompt: 'a red fox --fast', mode: 'relax' })).toBe('<#42#>a red fox --fast');
  });
});
