import { component } from "@prismatic-io/spectral";
import * as actions from "./actions";
import { duroApiKey } from "./connections/duroApiKey";
import * as dataSources from "./dataSources";
import * as triggers from "./triggers";

export default component({
  key: "duro-plm",
  public: false,
  display: {
    label: "Duro PLM",
    description: "Manage components, BOMs and change orders in Duro PLM (Main/MFG, ITAR, EU and Duro Hub).",
    iconPath: "icon.png",
  },
  connections: [duroApiKey],
  actions,
  dataSources,
  triggers,
});
