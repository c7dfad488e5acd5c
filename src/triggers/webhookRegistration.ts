// How the Duro Hub Webhook trigger registers its flow's webhook on deploy and retires it on delete, built on the
// webhook operations the actions use too.
import { randomBytes } from "node:crypto";
import { DuroClient } from "../client/duroClient";
import { DuroError } from "../client/errors";
import { perform } from "../operations/dialects";
import { ARCHIVE_WEBHOOK, archiveWebhooksAt, createWebhookInLibrary, GET_WEBHOOK, listLibraryWebhooks, UPDATE_WEBHOOK, Webhook, WebhookEvent } from "../operations/webhooks";

/** What the webhook trigger keeps in the instance's state: the webhook it registered and the secret Duro signs with. */
export interface RegisteredWebhook {
  id: string;
  url: string;
  signingSecret: string;
}

/** 32 random bytes, hex: well over Duro's 16-character minimum. */
const newSigningSecret = (): string => randomBytes(32).toString("hex");

interface Registration {
  name: string;
  description: string;
  url: string;
  events: WebhookEvent[];
  /** What an earlier deploy registered, if anything. */
  previous?: RegisteredWebhook;
}

/** The webhook, or undefined when Duro Hub no longer has it (archived or deleted). */
const findById = async (client: DuroClient, webhookId: string): Promise<Webhook | undefined> => {
  try {
    return await perform(client, GET_WEBHOOK, { webhookId });
  } catch (error) {
    if (error instanceof DuroError && error.kind === "not-found") return undefined;
    throw error;
  }
};

/**
 * Makes sure one enabled Duro webhook points at `url` for `events`: the one an earlier deploy registered (its secret
 * kept), else one already pointing at the URL (given a new secret, as its own cannot be known), else a new one.
 */
export const registerWebhook = async (client: DuroClient, { name, description, url, events, previous }: Registration): Promise<RegisteredWebhook> => {
  if (previous && (await findById(client, previous.id))) {
    await perform(client, UPDATE_WEBHOOK, { webhookId: previous.id, changes: { url, events, isEnabled: true } });
    return { id: previous.id, url, signingSecret: previous.signingSecret };
  }
  const signingSecret = newSigningSecret();
  const [adopted] = (await listLibraryWebhooks(client, undefined, [url])).items;
  if (adopted) {
    await perform(client, UPDATE_WEBHOOK, { webhookId: adopted.id, changes: { url, events, signingSecret, isEnabled: true } });
    return { id: adopted.id, url, signingSecret };
  }
  const created = await createWebhookInLibrary(client, { name, description, url, events, signingSecret, isEnabled: true });
  return { id: created.id, url, signingSecret };
};

/** Archives the webhook an earlier deploy registered; without its ID (or when it is gone), every webhook pointing at `url`. Returns the archived IDs. */
export const retireWebhook = async (client: DuroClient, { url, previous }: { url: string | undefined; previous?: Pick<RegisteredWebhook, "id"> }): Promise<string[]> => {
  if (previous) {
    try {
      return [(await perform(client, ARCHIVE_WEBHOOK, { webhookId: previous.id })).id];
    } catch (error) {
      if (!(error instanceof DuroError) || error.kind !== "not-found") throw error;
    }
  }
  return (await archiveWebhooksAt(client, url ? [url] : [])).map((webhook) => webhook.id);
};
