import { rememberPdfOut } from './cups';
import { privateTmpdir } from './run-folder';

/** Around the whole unit run: a temporary folder of its own, and ~/PDF left as it was found. */
export default function setup(): () => void {
  const restoreTmp = privateTmpdir();
  const restorePdfs = rememberPdfOut();
  return () => {
    restorePdfs();
    restoreTmp();
  };
}
