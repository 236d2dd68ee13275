import { afterEach, describe, expect, it } from 'vitest';
import { startEloamStandIn, type EloamStandIn } from '../../../../test/support/eloam-standin';
import { pageImage, random, sampleMrz } from '../../../../test/support/mrz-pages';
import { DocumentCameraError } from '../../core/evidence/camera-port';
import { eloamCamera } from './eloam';

let standIn: EloamStandIn | null = null;
afterEach(async () => {
  await standIn?.close();
  standIn = null;
});

describe('the Eloam WebCamera adapter, against a stand-in of the vendor’s service', () => {
  it('asks for a base64 picture of the main camera, the page cut by the service, and gets the picture’s bytes', async () => {
    standIn = await startEloamStandIn();
    const page = await pageImage(sampleMrz(random(3), 'TD3'), { kind: 'camera', seed: 3 });
    standIn.place(page);
    const camera = eloamCamera(standIn.url);
    const shot = await camera.capture();
    expect(Buffer.from(shot.bytes).equals(page)).toBe(true);
    expect(shot.device).toBe(`Eloam WebCamera ${standIn.url}`);
    expect(standIn.requests()).toEqual([{ path: '/video=grabimage', body: { filepath: 'base64', rotate: '0', cutpage: '1', camidx: '0', ColorMode: '0', quality: '3' } }]);
    // Some versions put a data URL's header before the base64.
    standIn.withDataUrlHeader(true);
    expect(Buffer.from((await camera.capture()).bytes).equals(page)).toBe(true);
  });

  it('says no picture when the camera is unplugged, and not running when the service is down', async () => {
    standIn = await startEloamStandIn();
    standIn.place(null);
    await expect(eloamCamera(standIn.url).capture()).rejects.toMatchObject({ reason: 'no-picture' });
    const url = standIn.url;
    await standIn.close();
    standIn = null;
    const down = await eloamCamera(url).capture().catch((e: unknown) => e);
    expect(down).toBeInstanceOf(DocumentCameraError);
    expect(down).toMatchObject({ reason: 'not-running' });
  });
});
