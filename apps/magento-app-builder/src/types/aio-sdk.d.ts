// @adobe/aio-sdk ships no type declarations: the slice we use (State, Core.Logger), see runtime/aio-sdk.ts.
declare module '@adobe/aio-sdk' {
  export const State: unknown;
  export const Core: unknown;
}
