// Public API of the sync room.
export {};
