// Changing a member's consent through the API: applied and audited in one transaction.
import { consentHistory, getProfile, inTransaction, insertConsentChanges, saveProfiles, type ConsentChange, type Store } from '../store/index.js';
import { applyConsentUpdate, sameConsent, type Consent, type ConsentUpdate } from './consent.js';

export async function updateConsent(store: Store, profileId: string, update: ConsentUpdate, source: string, now = Date.now()): Promise<Consent | undefined> {
  return inTransaction(store, async (trx) => {
    const record = await getProfile(trx, profileId);
    if (record === undefined) return undefined;
    const next = applyConsentUpdate(record.consent, update);
    if (sameConsent(next, record.consent)) return next;
    await saveProfiles(trx, [{ ...record, consent: next, updatedAt: now }]);
    await insertConsentChanges(trx, [{ profileId, at: now, source, before: record.consent, after: next }]);
    return next;
  });
}

export { consentHistory, type ConsentChange };
