/**
 * A labelled picker for a JSON file an admin imports: each choice is handed over once, and the input
 * is cleared so the same file can be chosen again after a refusal.
 */
export function JsonFileInput({ label, testId, onFile }: { label: string; testId: string; onFile: (file: File) => void }) {
  return (
    <label>
      {label}
      <input
        type="file"
        accept="application/json,.json"
        data-testid={testId}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onFile(f);
        }}
      />
    </label>
  );
}
