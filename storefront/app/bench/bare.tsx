// A static page with no data: the baseline the storefront benchmark compares against.
export default function Bare() {
  return (
    <main>
      <p>Static text.</p>
    </main>
  );
}
