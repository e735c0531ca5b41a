import { highlightClaims, type ClaimTerm } from '~/modules/listings/claims'

/** A listing's text with its therapeutic claims marked (the moderator's review page). */
export function ClaimText({ text, claims }: { text: string; claims: ClaimTerm[] }) {
  if (claims.length === 0) return <>{text}</>
  return (
    <>
      {highlightClaims(text, claims).map((segment, i) =>
        segment.term ? (
          <mark key={i} data-claim={segment.term} className="rounded bg-amber-200 px-0.5 font-semibold text-stone-900">
            {segment.text}
          </mark>
        ) : (
          segment.text
        ),
      )}
    </>
  )
}
