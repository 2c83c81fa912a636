// Public API of the mapping room.
export {};
