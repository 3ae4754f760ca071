export function LoadingState({ label }: { label: string }) {
  return (
    <p role="status" className="loading-state">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}
