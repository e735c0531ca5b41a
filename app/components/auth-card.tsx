export function AuthCard({ title, intro, children }: { title: string; intro?: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="mx-auto flex w-full max-w-sm flex-col gap-4 py-4">
      <div>
        <h1 className="text-2xl font-bold">{title}</h1>
        {intro ? <div className="mt-1 text-stone-600">{intro}</div> : null}
      </div>
      {children}
    </div>
  )
}
