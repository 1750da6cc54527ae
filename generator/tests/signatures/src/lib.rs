//! The signatures of generated operations, checked by the compiler: each
//! doctest that must not compile has a twin that differs only in what it
//! tests, and compiles, so it fails for that reason alone.
//!
//! Required parameters are arguments, so a call that leaves one out does
//! not compile. (Rustdoc checks the error codes on nightly only; on stable
//! the twins make sure a failure is the one meant.)
//!
//! ```no_run
//! # async fn call(client: petstore::Client) -> Result<(), petstore::Error> {
//! client.pets().show_pet_by_id("7").send().await?;
//! # Ok(())
//! # }
//! ```
//!
//! ```compile_fail,E0061
//! # async fn call(client: petstore::Client) -> Result<(), petstore::Error> {
//! client.pets().show_pet_by_id().send().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Path parameters come in path order, then the body (`PUT
//! /stores/{storeId}/pets/{petId}`); setting a required one by name is not
//! a way around it, since it has no setter.
//!
//! ```no_run
//! # async fn call(client: petstore::Client) -> Result<(), petstore::Error> {
//! client.stores().place_pet(7, "p1").shelf("top").send().await?;
//! # Ok(())
//! # }
//! ```
//!
//! ```compile_fail,E0599
//! # async fn call(client: petstore::Client) -> Result<(), petstore::Error> {
//! client.stores().place_pet(7, "p1").pet_id("p1").send().await?;
//! # Ok(())
//! # }
//! ```
//!
//! The Seam profile does the same: unlocking a door needs the device.
//!
//! ```no_run
//! # async fn call(seam: seam::Seam) -> Result<(), seam::Error> {
//! seam.locks().unlock_door("device_id").send().await?;
//! seam.access_codes().create("device_id").code("1234").send().await?;
//! # Ok(())
//! # }
//! ```
//!
//! ```compile_fail,E0061
//! # async fn call(seam: seam::Seam) -> Result<(), seam::Error> {
//! seam.locks().unlock_door().send().await?;
//! # Ok(())
//! # }
//! ```
//!
//! A params value has no `Default` when it has required fields: it is
//! built with `new`, which takes them, and the rest by name.
//!
//! ```no_run
//! use seam::locks::UnlockDoorParams;
//!
//! # async fn call(seam: seam::Seam) -> Result<(), seam::Error> {
//! let params = UnlockDoorParams {
//!     sync: Some(true),
//!     ..UnlockDoorParams::new("device_id")
//! };
//! seam.locks().unlock_door_with(params).send().await?;
//! # Ok(())
//! # }
//! ```
//!
//! ```compile_fail,E0277
//! use seam::locks::UnlockDoorParams;
//!
//! # async fn call(seam: seam::Seam) -> Result<(), seam::Error> {
//! let params = UnlockDoorParams {
//!     sync: Some(true),
//!     ..Default::default()
//! };
//! seam.locks().unlock_door_with(params).send().await?;
//! # Ok(())
//! # }
//! ```
//!
//! A data type that holds no float is `Eq` as well as `PartialEq`; one that
//! holds a float is not.
//!
//! ```no_run
//! fn exact<T: Eq>() {}
//! exact::<petstore::types::Pet>();
//! exact::<seam::types::AccessCodeErrorsItemProviderIssue>();
//! ```
//!
//! ```compile_fail,E0277
//! fn exact<T: Eq>() {}
//! exact::<petstore::types::PetsWeighPetBody>();
//! ```
//!
//! A type sent in requests is built naming only the fields set: from
//! `new`, which takes the ones it must have, or from `Default` when it has
//! none.
//!
//! ```no_run
//! use petstore::types::Pet;
//!
//! let pet = Pet {
//!     tag: Some("good".into()),
//!     ..Pet::new(7, "Rex")
//! };
//! assert_eq!(pet, pet.clone());
//! ```
//!
//! ```compile_fail,E0277
//! use petstore::types::Pet;
//!
//! let pet = Pet {
//!     tag: Some("good".into()),
//!     ..Default::default()
//! };
//! assert_eq!(pet, pet.clone());
//! ```
