import { component } from "@prismatic-io/spectral";
import * as actions from "./actions";
import { guardSteps, guardTriggers } from "./client/connectionError";
import { duroApiKey } from "./connections/duroApiKey";
import * as dataSources from "./dataSources";
import * as triggers from "./triggers";

export default component({
  key: "duro-plm",
  public: false,
  // The component is private and has no docs site of its own: Duro's developer documentation is the reference.
  documentationUrl: "https://docs.durohub.com",
  display: {
    label: "Duro PLM",
    description: "Manage components, BOMs and change orders in Duro PLM (Main/MFG, ITAR, EU and Duro Hub).",
    iconPath: "icon.png",
    category: "Application Connectors",
  },
  connections: [duroApiKey],
  // Every step's failures caused by its connection are thrown as spectral's ConnectionError (see connectionError.ts).
  actions: guardSteps({ ...actions }),
  dataSources: guardSteps({ ...dataSources }),
  triggers: guardTriggers({ ...triggers }),
});
