import { describe, expect, it } from 'vitest';
import { distinctFiles, imagesServedByApi, resultFiles, resultTaskId } from '../src/index.js';

const CDN = 'https://cdn.discordapp.com/attachments/1/2';

describe('resultFiles', () => {
  it("names an image result's file by its attachment, a video's clips by theirs", () => {
    const image = resultFiles('42', { discordImageUrl: `${CDN}/fox.png?ex=1`, attachments: [{ url: `${CDN}/fox.png?ex=1`, filename: 'my fox.png', contentType: 'image/png' }] });
    expect(image).toEqual({ image: { key: 'result/42/my_fox.png', url: `${CDN}/fox.png?ex=1` }, clips: [] });

    const clips = [0, 1].map((i) => ({ url: `${CDN}/clip_${i}.mp4`, filename: `clip_${i}.mp4` }));
    const video = resultFiles('43', { discordImageUrl: clips[0]!.url, attachments: [...clips, { url: `${CDN}/still.webp`, filename: 'still.webp', contentType: 'image/webp' }] });
    expect(video.clips.map((c) => c.key)).toEqual(['result/43/clip_0.mp4', 'result/43/clip_1.mp4']);
    // The first clip is also the imageUrl: copied once.
    expect(distinctFiles(video).map((f) => f.key)).toEqual(['result/43/clip_0.mp4', 'result/43/clip_1.mp4']);
  });

  it("falls back on the URL's file name, and has nothing to copy without Discord's URL", () => {
    expect(resultFiles('44', { discordImageUrl: `${CDN}/a%20b.png?ex=1` }).image?.key).toBe('result/44/a_b.png');
    expect(distinctFiles(resultFiles('45', {}))).toEqual([]);
  });
});

describe('resultTaskId', () => {
  it('reads the task of a result key only', () => {
    expect(resultTaskId('result/123/fox.png')).toBe('123');
    for (const key of ['upload/123/fox.png', 'result/abc/fox.png', 'result/123/a/b.png', 'mask/1/2']) expect(resultTaskId(key)).toBeUndefined();
  });
});

describe('imagesServedByApi', () => {
  it('is false only for a bucket with a public address', () => {
    expect(imagesServedByApi({})).toBe(true);
    expect(imagesServedByApi({ images: { s3: { prefix: '' } } })).toBe(true);
    expect(imagesServedByApi({ images: { s3: { prefix: '', publicBaseUrl: 'https://img.example.com' } } })).toBe(false);
  });
});
