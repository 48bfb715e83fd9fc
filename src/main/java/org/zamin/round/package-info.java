/**
 * Allocation rounds (issue 12, mode {@code ROUND}): an officer offers plots of an estate with an application window,
 * eligibility rules and published merit criteria; investors apply ranking plots; at close the committed lottery seed
 * is revealed, mixed with the decision-log head, and {@link org.zamin.round.RoundAllocation} allocates the plots.
 * Where each thing lives:
 * <ul>
 *   <li>the algorithm (scores, eligibility, lottery, allocation): {@link org.zamin.round.RoundAllocation}, pure Java,
 *       described in the README ("Allocation rounds") precisely enough to re-implement;</li>
 *   <li>the published document (its inputs and output, RFC 8785 canonical JSON, SHA-256):
 *       {@link org.zamin.round.RoundDocument}; {@link org.zamin.round.RoundVerifier} recomputes one
 *       ({@code ./zamin verify-round});</li>
 *   <li>the life cycle (create, publish, apply, close by an officer or, at {@code closesAt}, by the hold sweep's
 *       {@code closeDue}): {@link org.zamin.round.RoundService}, with its queries in
 *       {@code sql/round/*.sql} run by {@code RoundRepository}; what may change when is also enforced by the
 *       triggers of {@code R__round_guards.sql}, and one winner per plot by a primary key;</li>
 *   <li>after the close, the winners' deposit holds, their payment, and the pass-on of an unpaid award to the next in
 *       the published order: {@link org.zamin.round.AwardService} ({@code sql/round/award_*.sql}, table
 *       {@code round_award_hold}, guarded by {@code round_award_hold_guard});</li>
 *   <li>a paid award becoming an allocation and a contract, once the objection window is over:
 *       {@code AwardService.allocateIn}, through the database function {@code allocation_open}
 *       (R__allocation_open.sql) that an approved reservation uses too, so the one contract trigger
 *       ({@code allocation_create_contract}) starts both; the guards there refuse an unpaid, early, second or
 *       foreign-plot allocation of an award;</li>
 *   <li>category policies (free land for small power plants, knowledge-based terms): rows of {@code category_policy}
 *       per estate class, copied to {@code offer_category_policy} when an offer is published, carried by the round
 *       document ({@link org.zamin.round.RoundDocument.Policy}, read by {@code OfferPolicies}, checked by the
 *       verifier); matched and priced only in SQL (R__category_policy.sql), for the deposit and the contract;</li>
 *   <li>objections, and an upheld objection's outcome: the corrected application, the allocation re-run and the next
 *       document version ({@code round_amendment}, guarded by {@code round_amendment_guard}), with the awards and
 *       holds made to follow it: {@link org.zamin.round.ObjectionService} and {@code AwardService.amend};</li>
 *   <li>HTTP: {@link org.zamin.round.RoundRoutes} ({@code /api/offers…}).</li>
 * </ul>
 */
package org.zamin.round;
