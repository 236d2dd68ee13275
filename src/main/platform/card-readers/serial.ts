import { SerialPort } from 'serialport';
import { CardError } from '../../core/ssc-card/apdu';
import { openFramedReader, type ReaderStream, type SerialReaderSession } from '../../core/ssc-card/framed-reader';
import { watchPortGone } from '../serial/port-gone';

/** A serial port as the framed reader's byte stream (serialport; a socat pseudo-terminal in tests). */
export async function serialStream(path: string, baudRate: number): Promise<ReaderStream> {
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) =>
    port.open((err) => (err ? reject(new CardError('port-error', `The reader's port ${path} cannot be opened: ${err.message}`)) : resolve())),
  );
  const goneListeners: (() => void)[] = [];
  let gone = false;
  const goneOnce = () => {
    if (gone) return;
    gone = true;
    stopWatching();
    goneListeners.forEach((l) => l());
  };
  const stopWatching = watchPortGone(path, goneOnce);
  port.on('close', goneOnce);
  port.on('error', goneOnce);
  return {
    write: (bytes) =>
      new Promise<void>((resolve, reject) =>
        port.write(Buffer.from(bytes), (err) => (err ? reject(new CardError('write-failed', `The reader's port ${path} cannot be written to: ${err.message}`)) : resolve())),
      ),
    onData: (l) => void port.on('data', (chunk: Buffer) => l(chunk)),
    onGone: (l) => void goneListeners.push(l),
    close: () => {
      stopWatching();
      return new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
    },
  };
}

/** A card reader on a serial port speaking docs/serial-reader-protocol.md. */
export async function openSerialReader(path: string, baudRate = 115200): Promise<SerialReaderSession> {
  return openFramedReader(await serialStream(path, baudRate));
}

