interface StatusScreenProps {
  title: string;
  detail?: string;
}

/** Renders a full-page status while the app cannot show any screen yet. */
export function StatusScreen({ title, detail }: StatusScreenProps) {
  return (
    <main className="status-screen" aria-busy="true">
      <p role="status" className="status-screen__title">
        <span className="spinner" aria-hidden="true" />
        {title}
      </p>
      {detail ? <p className="status-screen__detail">{detail}</p> : null}
    </main>
  );
}
