import { test as setup } from "@playwright/test";
import { ROLES, signIn, storageStateOf } from "./fixtures";

// One signed-in browser state per demo role, through the real form, for the other specs.
for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, role);
    await page.context().storageState({ path: storageStateOf(role) });
  });
}
