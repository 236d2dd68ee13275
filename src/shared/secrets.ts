/** Where the app's secrets (the store key, the workstation token, the audit key) are kept, as the screens say it. */
export interface SecretsWhere {
  /** The OS key store (Credential Manager, Keychain, Secret Service), Electron's safeStorage over one, or the fallback files. */
  kind: 'os-key-store' | 'safe-storage' | 'file';
  /** Its name, in English, for the Devices screen and the diagnostics: "Secret Service", a folder… */
  name: string;
  /** Why the fallback is in use, when it is. */
  fallbackReason: string | null;
}
