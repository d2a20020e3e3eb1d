// Stylesheets are irrelevant under jest.
export default {};
