/**
 * Domain events services emit; listeners (realtime gateway, queues, other domains) react to them,
 * so a service never calls those directly.
 */
export const DomainEvent = {
    UserCreated: 'user.created',
    UserUpdated: 'user.updated',
    UserDeleted: 'user.deleted',
};
//# sourceMappingURL=domain-events.js.map