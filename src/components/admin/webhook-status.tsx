import { Badge } from "@/components/ui/badge";
import { formatDate } from "@/lib/dates";

/** An endpoint's state in words: active, failing since a date, or disabled (by an admin, or after 3 days failing). */
export function WebhookEndpointStatus({
  endpoint,
}: {
  endpoint: { enabled: boolean; failingSince: Date | null; disabledReason: string | null };
}) {
  if (endpoint.enabled) {
    return endpoint.failingSince ? (
      <Badge tone="warning">failing since {formatDate(endpoint.failingSince)}</Badge>
    ) : (
      <Badge tone="success">active</Badge>
    );
  }
  return (
    <Badge tone="warning">
      {endpoint.disabledReason === "FAILING" ? "disabled: failed for 3 days" : "disabled"}
    </Badge>
  );
}
