import { DEFAULT_CAPTURE_MODE, type CaptureMode } from '../../../shared/evidence';
import type { Settings } from '../../../shared/settings';

/** Whether a material's image is required, optional or not taken at this office (Settings; optional by default). */
export function captureModeOf(settings: Pick<Settings, 'captureModes'>, material: string): CaptureMode {
  return settings.captureModes[material] ?? DEFAULT_CAPTURE_MODE;
}
